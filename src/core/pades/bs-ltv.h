/* bs-ltv.h — long-term validation data for signed PDFs (PAdES B-LT and
 * B-LTA, ETSI EN 319 142-1 5.4): a Document Security Store with every
 * certificate of the signers' and time-stamp authorities' chains and a
 * fresh OCSP response (else a CRL) for each, then optionally a document
 * time-stamp over all of it. Existing signatures are never touched: each
 * addition is an incremental update.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-output.h"

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char *tsa_url;        /* for the document time-stamp, or NULL for none */
  const char *output_dir;
  const char *output_name;    /* or NULL: "<stem>_ltv.pdf" */
} BsLtvOptions;

/* Writes @input plus a DSS (and a document time-stamp with @tsa_url) into
 * the output folder; returns the new file's path (transfer full). Fails,
 * writing nothing, when revocation data cannot be had for a certificate. */
char *bs_ltv_extend (const char *input, const BsLtvOptions *options, GCancellable *cancellable,
                     GError **error);

/* The same (@tsa_url NULL for B-LT) into a temporary of @output_dir, not
 * yet named: the caller commits or aborts it (transfer full). */
BsOutput *bs_ltv_extend_output (const char *input, const char *tsa_url, const char *output_dir,
                                GCancellable *cancellable, GError **error);

G_END_DECLS
