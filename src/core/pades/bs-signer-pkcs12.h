/* bs-signer-pkcs12.h — a software certificate in a PKCS#12 (.p12/.pfx) file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-signer.h"
#include "bs-secret.h"

G_BEGIN_DECLS

#define BS_TYPE_SIGNER_PKCS12 (bs_signer_pkcs12_get_type ())
G_DECLARE_FINAL_TYPE (BsSignerPkcs12, bs_signer_pkcs12, BS, SIGNER_PKCS12, GObject)

/* Opens @path with @password (borrowed). Fails with
 * BS_ERROR_BAD_PASSPHRASE for a wrong password and BS_ERROR_CERTIFICATE for
 * a file without a private key or a certificate that cannot sign now. */
BsSigner *bs_signer_pkcs12_new (const char *path, const BsSecret *password, GError **error);

/* A signer over a key already in memory (a server that holds users' keys,
 * tests). @key, @cert and @chain are borrowed; the same checks apply. */
BsSigner *bs_signer_key_new (EVP_PKEY *key, X509 *cert, STACK_OF (X509) *chain, GError **error);

G_END_DECLS
