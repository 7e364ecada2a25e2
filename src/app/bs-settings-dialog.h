/* bs-settings-dialog.h — "Konfigurasi": signature visualisation and the
 * specimen, authentication method and output folder, the service (a
 * BeSign account, or an Esign Client Service with its integration's user
 * name and password — the password kept for the run only, never saved),
 * the TSA, and trusted certificates. Saved in the settings file through core; what
 * this run was started with on the command line (--server, --tsa) is shown
 * beside, never written into it.
 *
 * Actions: settings.save, settings.upload-specimen, settings.choose-output,
 * settings.choose-anchor (file choosers), settings.import-specimen and
 * settings.import-anchor (s: a path, what the choosers end in).
 * Properties: "message" (what went wrong), "n-anchors".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-dialog.h"

G_BEGIN_DECLS

#define BS_TYPE_SETTINGS_DIALOG (bs_settings_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BsSettingsDialog, bs_settings_dialog, BS, SETTINGS_DIALOG, BsDialog)

G_END_DECLS
