/* bs-sign-outcome.h — what a signing batch gave, in people's words: why a
 * document failed in a few words (not the transport's English), and the
 * one-line summary of a batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-document.h"

G_BEGIN_DECLS

/* A short, translated reason for @error (transfer full). */
char     *bs_sign_failure_reason (const GError *error);
/* TRUE when @error refuses the authorisation itself (a wrong passphrase or
 * code): nothing was signed and the user may simply type it again. */
gboolean  bs_sign_error_is_refusal (const GError *error);
/* "29 signed, 121 failed: the service cannot be reached" for @documents
 * (BsAppDocument) after a batch (transfer full). */
char     *bs_sign_summary (GPtrArray *documents);
/* Counts of @documents in each state. */
void      bs_sign_count (GPtrArray *documents, guint *n_signed, guint *n_failed);

G_END_DECLS
