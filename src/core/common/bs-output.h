/* bs-output.h — writing a result file safely.
 *
 * The bytes go to a private temporary file inside the target folder, which
 * is fsync'ed and then given its final name without ever replacing an
 * existing file ("name.pdf", "name (2).pdf", …). On any failure the
 * temporary file is removed, so no partial output is ever left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BsOutput BsOutput;

/* Opens a temporary file in @dir (which is created if missing). */
BsOutput *bs_output_new     (const char *dir, GError **error);
gboolean  bs_output_write   (BsOutput *out, const void *data, gsize len, GError **error);
guint64   bs_output_get_offset (BsOutput *out);
/* Where the bytes are until the commit: a hidden temporary in the folder
 * (transfer none). Readable as a PDF once everything is written. */
const char *bs_output_get_path (BsOutput *out);
/* Overwrites bytes already written (the signature placeholder). */
gboolean  bs_output_write_at (BsOutput *out, guint64 offset, const void *data, gsize len,
                              GError **error);
/* Syncs and names the file @file_name in the folder, or the first free
 * "stem (N).ext" variant; returns the final path (transfer full). The
 * output is freed whether or not it succeeds. */
char     *bs_output_commit  (BsOutput *out, const char *file_name, GError **error);
/* Removes the temporary file and frees @out. NULL is allowed. */
void      bs_output_abort   (BsOutput *out);

/* Removes what an interrupted (killed) run left in @dir: temporaries no
 * live process holds. Returns how many. */
guint     bs_output_remove_leftovers (const char *dir);

/* "<stem>_signed.pdf" for the input path @input (transfer full). */
char     *bs_output_signed_name (const char *input);
/* The default output folder, ~/Besign-output (transfer full). */
char     *bs_output_default_dir (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsOutput, bs_output_abort)

G_END_DECLS
