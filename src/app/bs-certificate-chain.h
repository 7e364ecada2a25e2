/* bs-certificate-chain.h — a signer's certificate chain, the signer first:
 * each certificate's holder, issuer, serial number, validity, algorithm,
 * key usage and fingerprint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-dialog.h"

G_BEGIN_DECLS

#define BS_TYPE_CERTIFICATE_CHAIN (bs_certificate_chain_get_type ())
G_DECLARE_FINAL_TYPE (BsCertificateChain, bs_certificate_chain, BS, CERTIFICATE_CHAIN, BsDialog)

/* @chain: BsCertInfo, read at once (not kept). */
GtkWidget *bs_certificate_chain_new (BsAppContext *context, const char *signer, GPtrArray *chain);

G_END_DECLS
