/* ds-pdf-job.h — signing the PDFs of a sign/pdf or seal/pdf request.
 *
 * The request's "file" array (base64 PDFs) is signed with one key, each
 * document placed by its "signatureProperties" entry (the last entry
 * serves the files beyond the list), as PAdES-BASELINE-T with a
 * time-stamp of the server's own TSA, as the real service does. The work
 * runs on a worker thread: it asks the TSA over HTTP, which the main loop
 * serves meanwhile. The answer is the manual's {time, file[]}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

#include <openssl/x509.h>

G_BEGIN_DECLS

/* The body's "file" array, or NULL after replying 400. */
json_object *ds_pdf_job_files (DsRequest *req);

/* Signs and replies; audits @action for @subject (a user id or seal
 * subscriber). @key and @chain stay the caller's. */
void         ds_pdf_job_run   (DsRequest *req, EVP_PKEY *key, STACK_OF (X509) *chain,
                               const char *subject, const char *action);

G_END_DECLS
