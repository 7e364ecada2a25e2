/* bs-verify-crypto.h — the cryptographic half of verifying one signature
 * (internal to the verifier).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-revocation.h"
#include "bs-verify.h"

#include <openssl/x509.h>

G_BEGIN_DECLS

typedef struct _BsVerifyCrypto BsVerifyCrypto;

/* Loads the trust anchors of @options (transfer full). */
BsVerifyCrypto *bs_verify_crypto_new  (const BsVerifyOptions *options);
void            bs_verify_crypto_free (BsVerifyCrypto *crypto);

/* Validation data of the whole document (its DSS), used for every
 * signature (transfer full). */
void            bs_verify_crypto_set_document_data (BsVerifyCrypto *crypto,
                                                    BsValidationData *data);

/* Checks @report's /Contents over its byte ranges in @fd: digest, signature
 * value, signer chain at the signing time, time-stamp; fills the crypto
 * fields of @report and adds its problems. */
void            bs_verify_crypto_check (BsVerifyCrypto *crypto, BsSignatureReport *report,
                                        int fd, GCancellable *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsVerifyCrypto, bs_verify_crypto_free)

G_END_DECLS
