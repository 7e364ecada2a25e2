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
/* The user's current key after checking @passphrase, or NULL after
 * replying: LOCKED while the passphrase is locked, INVALID_PASSPHRASE
 * (HTTP @wrong_status, with attemptsLeft) for a wrong one — the one
 * failure counter of every passphrase check. */
EVP_PKEY        *ds_passphrase_key (DsRequest *req, const char *user_id, const char *passphrase,
                                    guint wrong_status);
/* The signer the body names by "nik" or "email" (transfer full), or NULL
 * after replying 400 (neither), 404 (unknown) or 403 (a Bearer account
 * naming someone else). */
char            *ds_named_signer (DsRequest *req);
/* The user's chain: certificate, issuing CA, root (transfer full). */
STACK_OF (X509) *ds_user_chain (DsServer *server, const char *user_id);

G_END_DECLS
