/* ds-email-otp.h — e-mailed signing codes (/api/v2/sign/get/totp).
 *
 * One live code per signer (a new request replaces the old), six digits,
 * five minutes, single use; wrong codes and requests are counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

#include <openssl/evp.h>

G_BEGIN_DECLS

/* Checks @code against @user_id's live code and returns the user's key,
 * or NULL after replying (INVALID_OTP with attemptsLeft, LOCKED). */
EVP_PKEY *ds_email_otp_key (DsRequest *req, const char *user_id, const char *code);

G_END_DECLS
