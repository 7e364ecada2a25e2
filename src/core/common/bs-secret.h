/* bs-secret.h — secrets (passwords, passphrases, OTPs) kept in memory only.
 *
 * A BsSecret owns a NUL-terminated byte string that is wiped with
 * OPENSSL_cleanse() when freed. Secrets never go to logs, argv or disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _BsSecret BsSecret;

/* Copies @len bytes of @data (transfer none). */
BsSecret   *bs_secret_new           (const char *data, gsize len);
/* Reads the first line of @path (without its line ending). */
BsSecret   *bs_secret_new_from_file (const char *path, GError **error);
/* Prompts on the controlling terminal without echo; fails when there is none. */
BsSecret   *bs_secret_new_from_tty  (const char *prompt, GError **error);
/* Reads one line of @stream (a pipe from a script). */
BsSecret   *bs_secret_new_from_stream (FILE *stream, GError **error);
const char *bs_secret_get           (const BsSecret *secret);
gsize       bs_secret_get_length    (const BsSecret *secret);
void        bs_secret_free          (BsSecret *secret);

/* Wipes and frees a g_malloc'ed buffer of @len bytes. */
void        bs_wipe_free            (gpointer data, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsSecret, bs_secret_free)

G_END_DECLS
