/* bs-signed-version.h — a document exactly as one signature signed it,
 * to show beside the current one ("Lihat versi yang ditandatangani").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

G_BEGIN_DECLS

/* Writes the bytes @signature's /ByteRange ends at (the revision it
 * signed) into a new temporary file and returns its path (transfer full);
 * the caller removes it. */
char *bs_signed_version_save (const char *path, const BsSignatureReport *signature, GError **error);

G_END_DECLS
