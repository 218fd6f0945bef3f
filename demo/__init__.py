"""Demo mode: a throwaway vault and three sample brands on this computer, for a live show."""
