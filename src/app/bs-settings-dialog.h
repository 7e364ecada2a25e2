/* bs-settings-dialog.h — "Konfigurasi": signature visualisation and the
 * specimen, authentication method and output folder, the service, the TSA,
 * and trusted certificates. Saved in the settings file through core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_SETTINGS_DIALOG (bs_settings_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BsSettingsDialog, bs_settings_dialog, BS, SETTINGS_DIALOG, GtkWindow)

GtkWidget *bs_settings_dialog_new (BsWindow *window);
/* Imports a specimen / certificate file as the buttons do (UI tests). */
gboolean   bs_settings_dialog_import_specimen (BsSettingsDialog *self, const char *path);
gboolean   bs_settings_dialog_import_anchor   (BsSettingsDialog *self, const char *path);
/* Writes the fields to the settings and saves them; FALSE shows why. */
gboolean   bs_settings_dialog_save (BsSettingsDialog *self);
/* The number of trusted certificates listed. */
guint      bs_settings_dialog_count_anchors (BsSettingsDialog *self);

G_END_DECLS
