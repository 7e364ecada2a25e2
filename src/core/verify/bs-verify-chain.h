/* bs-verify-chain.h — the signer's certificate: its chain to a trust
 * anchor at a given time, its key usage, and its revocation status
 * (RFC 5280 6, ETSI EN 319 102-1 5.2.6 and 5.6.2.4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify-crypto-private.h"

#include <openssl/cms.h>

G_BEGIN_DECLS

/* Verifies @signer's chain at @when (now when NULL) with @certs as
 * intermediates; sets the trust to TRUSTED or UNTRUSTED with its
 * indication. Returns the chain, signer first and anchor last, when it
 * was built (transfer full), else NULL. */
STACK_OF (X509) *bs_chain_check (BsVerifyCrypto *c, BsSignatureReport *r, X509 *signer, STACK_OF (X509) *certs,
                                 GDateTime *when);

/* Revocation of @signer from the signature (adbe-revocationInfoArchival
 * in @si), the DSS and, when allowed, the network. Revoked before the
 * signing time (or with no time-stamp to prove it) makes the trust
 * REVOKED. A trusted signer whose certificate names where its status is
 * published (CRL distribution point, OCSP responder) and for which
 * nothing answered becomes INDETERMINATE (TRY_LATER); one that names no
 * source stays TRUSTED with "no revocation data". */
void             bs_chain_check_revocation (BsVerifyCrypto *c, BsSignatureReport *r, CMS_SignerInfo *si,
                                            X509 *signer, STACK_OF (X509) *certs, GCancellable *cancellable);

G_END_DECLS
