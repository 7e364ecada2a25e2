/* ds-signing.h — authorising a signature and the signing endpoints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

/* Checks the request's passphrase (or e-mail OTP: "totp" / "otp") for
 * @user_id and returns the user's private key, or NULL after replying
 * (INVALID_PASSPHRASE with attemptsLeft, LOCKED, INVALID_OTP,
 * CERTIFICATE_NOT_ACTIVE). */
EVP_PKEY        *ds_authorize_signing (DsRequest *req, const char *user_id);
/* The user's chain: certificate, issuing CA, root (transfer full). */
STACK_OF (X509) *ds_user_chain (DsServer *server, const char *user_id);

G_END_DECLS
