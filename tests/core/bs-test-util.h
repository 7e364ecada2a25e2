/* bs-test-util.h — fixtures made with independent tools (openssl, gs, qpdf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @argv (NULL-terminated) in @dir; returns the exit status and, when
 * asked, stdout+stderr (transfer full). */
int   bs_test_run (const char *dir, char **output, const char *first, ...) G_GNUC_NULL_TERMINATED;
/* Same with a limit on the size of files the child may write. */
int   bs_test_run_fsize_limited (const char *dir, guint64 limit, char **output,
                                 const char *first, ...) G_GNUC_NULL_TERMINATED;

/* A temporary folder removed by bs_test_rm_rf(). */
char *bs_test_mkdtemp (void);
void  bs_test_rm_rf (const char *dir);
guint bs_test_count_files (const char *dir);

/* Writes root.pem, signer.p12, expired.p12, nokey.p12 and pass.txt into @dir. */
void  bs_test_make_identities (const char *dir);
/* A one-page A4 PDF with some text, made by ghostscript; @extra_ps is
 * PostScript inserted before showpage (pdfmarks), may be NULL. */
void  bs_test_make_pdf (const char *dir, const char *name, const char *extra_ps);
/* A PNG of @width×@height filled with one RGBA colour. */
void  bs_test_make_png (const char *path, int width, int height, guint32 rgba);
/* The RGB value of pixel (x, y) of a PNG file. */
guint32 bs_test_png_pixel (const char *path, int x, int y, int *width, int *height);

/* The path of besign-cli from the test environment. */
const char *bs_test_cli (void);

G_END_DECLS
