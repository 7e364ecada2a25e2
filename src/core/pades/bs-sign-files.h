/* bs-sign-files.h — the input read as one file, the output checked before
 * it is named (internal to signing and long-term validation).
 *
 * The input is opened once; qpdf parses, and the bytes are copied, through
 * that one open file, so an editor saving a new version under the same
 * name (a rename over it) changes nothing. A change in place (the file
 * rewritten or cut short) is found by comparing its size and modification
 * time when opened and once copied, and refused. Every output is opened again by
 * qpdf before it gets its name: a file no reader can open is never left
 * under a final name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-output.h"
#include "bs-platform.h"

#include <gio/gio.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

typedef struct {
  const char  *path;    /* borrowed */
  int          fd;
  BsFileStamp  stamp;   /* as it was when opened */
} BsSignInput;

/* Opens @path (a regular, non-empty file) for signing. */
gboolean bs_sign_input_open      (BsSignInput *in, const char *path, GError **error);
/* FALSE, with a message saying so, when the file was written to since. */
gboolean bs_sign_input_unchanged (BsSignInput *in, GError **error);
void     bs_sign_input_clear     (BsSignInput *in);

/* Appends the first @size bytes of @fd to @out, hashing them into @md
 * when not NULL, one bounded chunk at a time. */
gboolean bs_sign_copy_bytes      (int fd, guint64 size, BsOutput *out, EVP_MD_CTX *md,
                                  GCancellable *cancellable, GError **error);

/* Opens what @out holds as a PDF, strictly, and checks that object @num
 * is the dictionary with @key just written. */
gboolean bs_sign_check_output    (BsOutput *out, guint num, const char *key, GError **error);

G_END_DECLS
