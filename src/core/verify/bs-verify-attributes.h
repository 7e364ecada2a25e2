/* bs-verify-attributes.h — a SignerInfo's signed attributes as the
 * standards read them: their DER encoding (RFC 5652 5.4, X.690 11.6) and
 * the ESS signing-certificate attributes (RFC 2634 5.4, RFC 5035 5.4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/cms.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* The signed attributes, each in the order received and as OpenSSL
 * re-encodes what it parsed (what OpenSSL's CMS code verifies), as an
 * EXPLICIT SET OF (tag 0x31): transfer full, NULL when there are none. */
GBytes     *bs_signed_attributes_received (CMS_SignerInfo *si);
/* The same in DER — every length minimal and definite, every SET OF
 * sorted, down to the innermost values — which is what RFC 5652 says the
 * signature covers and what EU DSS (Bouncy Castle) verifies: transfer
 * full, NULL when there are none or they are not well-formed BER. */
GBytes     *bs_signed_attributes_der (CMS_SignerInfo *si);

typedef enum {
  BS_ESS_ABSENT,      /* neither signing-certificate nor -v2 */
  BS_ESS_MATCH,       /* every one present names @cert first */
  BS_ESS_MISMATCH,    /* one names another certificate */
  BS_ESS_MALFORMED,   /* one cannot be read, or its hash is unknown */
} BsEssMatch;

/* RFC 5035 5.4: the first ESSCertID(v2) of each signing-certificate
 * attribute present must identify @cert: its certHash is the hash of the
 * certificate's DER (SHA-1 for v1; hashAlgorithm, by default SHA-256, for
 * v2) and its issuerSerial, when present, names @cert's issuer and
 * serial number. Later ESSCertIDs (the rest of the chain, authorisation
 * certificates) do not identify the signer and are not required to be
 * in the CMS. */
BsEssMatch  bs_ess_match_signer (CMS_SignerInfo *si, X509 *cert);

G_END_DECLS
