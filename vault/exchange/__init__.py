"""Exchange: everything between the person and brands.

Brands and their signed requests (with the vault's judgement of how sensitive each of
their own questions is), grants, the tokens and events issued for them, the
durable outbox and its delivery over the network (transport, allowed peers, a brand's
Retry-After), email aliases (leak canaries) and QR codes for a handover.
"""
