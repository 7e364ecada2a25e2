/* bs-signed-version.h — a document exactly as one signature signed it,
 * to show beside the current one ("Lihat versi yang ditandatangani").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

G_BEGIN_DECLS

/* Where the revision @signature signed ends (its /ByteRange's end), or
 * -1 when its /ByteRange does not say. */
gint64 bs_signed_version_end (const BsSignatureReport *signature);

/* Writes the first @end bytes of @path (a revision) into a new temporary
 * file and returns its path (transfer full); the caller removes it. */
char  *bs_signed_version_save (const char *path, gint64 end, GError **error);

G_END_DECLS
