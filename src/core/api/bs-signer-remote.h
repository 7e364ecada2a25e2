/* bs-signer-remote.h — signing with a BSrE account: the key stays at the
 * service, only hashes of signed attributes travel (POST /api/v2/sign/hash).
 *
 * The certificate chain is fetched once when the signer is made; every
 * returned signature is checked against that certificate by the signing
 * core before it is embedded. The PDF never leaves this computer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-signing.h"
#include "bs-signer.h"

G_BEGIN_DECLS

#define BS_TYPE_SIGNER_REMOTE (bs_signer_remote_get_type ())
G_DECLARE_FINAL_TYPE (BsSignerRemote, bs_signer_remote, BS, SIGNER_REMOTE, GObject)

/* @session must be logged in and outlive the signer; @who is the user's
 * NIK, e-mail or id; @auth's secret is copied and wiped with the signer.
 * An e-mailed OTP is single use: it covers one request of up to 100
 * documents. */
BsSigner *bs_signer_remote_new (BsBsreSession *session, const char *who, const BsBsreSigningAuth *auth,
                                GCancellable *cancellable, GError **error);

G_END_DECLS
