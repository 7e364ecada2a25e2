/* bs-user-data.h — files the user brings into BeSign: the signature
 * specimen image and extra trusted certificates. Each is checked, then
 * copied into the user's data folder ($XDG_DATA_HOME/besign) so that the
 * settings never point at a file that may move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-settings.h"

G_BEGIN_DECLS

/* Copies a PNG or JPEG specimen and makes it the settings' "specimen";
 * returns its new path (transfer full). */
char      *bs_user_data_import_specimen (BsSettings *settings, const char *path, GError **error);
/* Copies the certificates of a PEM or DER file into the user's trust
 * folder (made the settings' "trust-folder" when none is set); returns how
 * many were added, or -1. */
int        bs_user_data_import_anchors  (BsSettings *settings, const char *path, GError **error);
/* "CN (valid until …)" of each certificate the user trusts (transfer full). */
GPtrArray *bs_user_data_list_anchors    (BsSettings *settings);

G_END_DECLS
