/* bs-otp-page.h — the second login step: set up an authenticator (QR code,
 * secret, code and device name → "Send") or give the code of a registered
 * one (device chooser when there are several → "Log in").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_OTP_PAGE (bs_otp_page_get_type ())
G_DECLARE_FINAL_TYPE (BsOtpPage, bs_otp_page, BS, OTP_PAGE, GtkBox)

GtkWidget  *bs_otp_page_new    (BsWindow *window);
/* Prepares the page for the login just accepted. */
void        bs_otp_page_start  (BsOtpPage *self);
/* Types @code (and @device_name when setting up) and submits (UI tests). */
void        bs_otp_page_submit (BsOtpPage *self, const char *code, const char *device_name);
const char *bs_otp_page_get_message (BsOtpPage *self);

G_END_DECLS
