; Inno Setup 6 script: the Windows installer for TikLive Desktop.
; Build the PyInstaller folder first, then (steps in packaging/README.md):
;   iscc /DAppVersion=0.1.0 packaging\windows\tiklive.iss
; -> packaging\build\TikLiveDesktop-0.1.0-setup.exe
;
; Per-user install by default (no administrator needed, like most creator tools);
; the user may choose "all users" in the first dialog. The database is in
; %LOCALAPPDATA%\TikLive Desktop and is never removed by the uninstaller.

#ifndef AppVersion
  #error Pass the version from tiklive_desktop.__version__: iscc /DAppVersion=X.Y.Z tiklive.iss
#endif
#define AppName "TikLive Desktop"
#define AppId "io.github.tiklive.TikLiveDesktop"
#define AppExe "TikLiveDesktop.exe"
#define DistDir "..\build\dist\tiklive-desktop"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The TikLive Desktop contributors
AppPublisherURL=https://github.com/tiklive/tiklive-desktop
AppSupportURL=https://github.com/tiklive/tiklive-desktop/issues
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\build
OutputBaseFilename=TikLiveDesktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: TikLiveDesktop.exe (windowed), tiklive.exe (console, CLI), _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundle whole, so no library of the old version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
