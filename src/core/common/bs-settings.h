/* bs-settings.h — the user's settings, a GKeyFile in the user config folder.
 *
 * DESIGN.md §4: visualisation, specimen, auth method, output folder,
 * server URL, TSA URL, trust anchors folder, language. The file is written
 * with mode 0600 and never holds a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BsSettings BsSettings;

/* Loads $XDG_CONFIG_HOME/besign/settings.ini (or @path); a missing file
 * gives the defaults. */
BsSettings *bs_settings_load       (const char *path, GError **error);
gboolean    bs_settings_save       (BsSettings *settings, GError **error);
void        bs_settings_free       (BsSettings *settings);

/* Each returns a new string, the default when unset (transfer full). */
char       *bs_settings_dup_string (BsSettings *settings, const char *key);
void        bs_settings_set_string (BsSettings *settings, const char *key, const char *value);

/* Folders whose certificates every verification trusts: the user's
 * trust-folder setting and the anchors installed with BeSign
 * (transfer full, NULL-terminated, only existing folders). */
char      **bs_settings_dup_trust_folders (BsSettings *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsSettings, bs_settings_free)

G_END_DECLS
