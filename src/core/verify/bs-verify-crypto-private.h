/* bs-verify-crypto-private.h — what the files of the cryptographic check
 * share: the verifier's trust material and how a finding is written into
 * a signature's report (ETSI EN 319 102-1 indications).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify-crypto.h"

#include <openssl/asn1.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

struct _BsVerifyCrypto {
  STACK_OF (X509)  *anchors;
  gboolean          online;
  char             *online_ca_file;  /* for HTTPS revocation servers, or NULL */
  BsValidationData *document_data;   /* the DSS */
};

/* Adds @text (translated) to the report's problems. */
void        bs_report_problem (BsSignatureReport *r, const char *text);
/* Proven broken: integrity BROKEN, TOTAL_FAILED / @sub_indication. */
void        bs_report_broken (BsSignatureReport *r, const char *sub_indication, const char *text);
/* Cannot be checked (unsupported algorithm, no signer certificate):
 * integrity UNKNOWN, INDETERMINATE / @sub_indication. */
void        bs_report_unknown (BsSignatureReport *r, const char *sub_indication, const char *text);
/* Lowers the trust to @trust when that is worse than what it is, and
 * then names @sub_indication as the reason (INDETERMINATE, or
 * TOTAL_FAILED for a revocation proven before the signing time); a
 * report already TOTAL_FAILED stays so. @text may be NULL. */
void        bs_report_degrade (BsSignatureReport *r, BsTrust trust, const char *indication,
                               const char *sub_indication, const char *text);

/* NULL for an unreadable time (transfer full). */
GDateTime  *bs_asn1_time_to_datetime (const ASN1_TIME *t);
/* "2009-01-01" (transfer full). */
char       *bs_format_date (GDateTime *t);

/* The anchors as a store whose verification time is @when (now when
 * NULL); transfer full. */
X509_STORE *bs_verify_crypto_store_at (BsVerifyCrypto *c, GDateTime *when);

G_END_DECLS
