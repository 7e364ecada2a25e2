/* ds-data-dir.h — the data folder: private to its owner.
 *
 * It holds the SQLite database with the CA's, the TSA's and every user's
 * keys, so the folder is 0700 and each file in it 0600, whatever the
 * umask; a folder that others can already read is refused, not fixed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Creates @path (0700) or checks the existing folder, and makes what an
 * earlier version left in it private. Fails, before writing anything,
 * when others can read or enter the folder. */
gboolean ds_data_dir_prepare (const char *path, GError **error);

/* Creates an empty private (0600) file at @path unless one exists (so
 * that a library creating it later cannot pick a wider mode). */
gboolean ds_data_dir_private_file (const char *path, GError **error);

G_END_DECLS
