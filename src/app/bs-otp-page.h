/* bs-otp-page.h — the second login step: set up an authenticator (QR code,
 * secret, code and device name → "Send") or give the code of a registered
 * one (device chooser when there are several → "Log in"). It prepares
 * itself when shown for a login just accepted; "otp.submit" (the button,
 * Enter in the code or device-name field) sends. "message" is what it
 * tells, "busy" while waiting, "setting-up" for a first authenticator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-page.h"

G_BEGIN_DECLS

#define BS_TYPE_OTP_PAGE (bs_otp_page_get_type ())
G_DECLARE_FINAL_TYPE (BsOtpPage, bs_otp_page, BS, OTP_PAGE, BsPage)

G_END_DECLS
