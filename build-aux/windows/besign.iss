; Inno Setup description of the BeSign installer (iscc besign.iss, after
; build.sh has laid out dist\BeSign).
#define AppVersion "0.1.0"

[Setup]
AppId={{5E1C6E0B-6A43-4C0A-9D1E-BE5160000001}
AppName=BeSign
AppVersion={#AppVersion}
AppPublisher=BeSign Desktop developers
DefaultDirName={autopf}\BeSign
DefaultGroupName=BeSign
OutputDir=..\..\dist
OutputBaseFilename=BeSign-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64
LicenseFile=..\..\LICENSE
UninstallDisplayIcon={app}\bin\besign.exe
ChangesAssociations=yes

[Languages]
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\BeSign\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\BeSign"; Filename: "{app}\bin\besign.exe"
Name: "{group}\{cm:UninstallProgram,BeSign}"; Filename: "{uninstallexe}"

[Registry]
; "Open with BeSign" for PDF files, without taking the default away.
Root: HKA; Subkey: "Software\Classes\Applications\besign.exe\shell\open\command"; ValueType: string; ValueData: """{app}\bin\besign.exe"" ""%1"""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\besign.exe\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "BeSign.PDF"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\BeSign.PDF"; ValueType: string; ValueData: "PDF (BeSign)"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\BeSign.PDF\shell\open\command"; ValueType: string; ValueData: """{app}\bin\besign.exe"" ""%1"""
