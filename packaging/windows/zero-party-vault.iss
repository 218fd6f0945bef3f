; Inno Setup 6 script: Zero-Party Vault for Windows, from the PyInstaller bundle.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\zero-party-vault.iss
;
; Build the bundle and the icons first (docs/packaging.md, "Windows"). The installer puts
; the bundle under Program Files (or the person's own programs folder, when installed
; without administrator rights), adds a Start menu entry, and registers the zpd: URL
; protocol so a brand's link opens the app. The person's vault and settings live in their
; own AppData folders: neither an upgrade nor the uninstaller touches them.
; Not run in this project's CI (no Windows machine): docs/packaging.md says what to check.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Zero-Party Vault"
#define AppExe "zero-party-vault.exe"
#define Root "..\.."

[Setup]
AppId={{8BF0E0EC-C151-4853-9187-96BD4FC5EAE7}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Zero-Party Vault developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=zero-party-vault-{#AppVersion}-setup
SetupIconFile={#Root}\build\icons\zero-party-vault.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "greek"; MessagesFile: "compiler:Languages\Greek.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\build\bundle\zero-party-vault\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; zpd: links open the app: the URL protocol, its icon, and the command that hands the link
; over as the launcher's one argument ("%1"), which the app takes as --open-url.
Root: HKA; Subkey: "Software\Classes\zpd"; ValueType: string; ValueName: ""; ValueData: "URL:Zero-Party Vault link"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\zpd"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\zpd\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\zpd\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
