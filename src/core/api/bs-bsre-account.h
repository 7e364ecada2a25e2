/* bs-bsre-account.h — logging in to a BSrE account: password, then a TOTP
 * code of a registered authenticator (or setting one up), logout, profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-session.h"

G_BEGIN_DECLS

typedef struct {
  char *id;
  char *name;
} BsBsreDevice;

typedef struct {
  BsSecret  *login_token;     /* valid 5 minutes, for the OTP step */
  gboolean   setup_required;  /* no authenticator registered yet */
  GPtrArray *devices;         /* BsBsreDevice */
} BsBsreLogin;

typedef struct {
  BsSecret *secret;           /* base32, shown to the user as text */
  char     *otpauth_uri;      /* shown as a QR code */
  char     *issuer;
  char     *account;
} BsBsreOtpSetup;

typedef struct {
  char *id;
  char *name;
  char *email;
  char *nik;
  char *organization;
  char *certificate_status;   /* from the profile only, else NULL */
} BsBsreUser;

BsBsreLogin    *bs_bsre_login        (BsBsreSession *session, const char *username, const BsSecret *password,
                                      GCancellable *cancellable, GError **error);
BsBsreOtpSetup *bs_bsre_otp_setup    (BsBsreSession *session, const BsBsreLogin *login,
                                      GCancellable *cancellable, GError **error);
/* Both log the session in and return its user. */
BsBsreUser     *bs_bsre_otp_register (BsBsreSession *session, const BsBsreLogin *login, const BsSecret *code,
                                      const char *device_name, GCancellable *cancellable, GError **error);
BsBsreUser     *bs_bsre_otp_verify   (BsBsreSession *session, const BsBsreLogin *login, const char *device_id,
                                      const BsSecret *code, GCancellable *cancellable, GError **error);
gboolean        bs_bsre_logout       (BsBsreSession *session, GCancellable *cancellable, GError **error);
BsBsreUser     *bs_bsre_profile      (BsBsreSession *session, GCancellable *cancellable, GError **error);

void            bs_bsre_login_free     (BsBsreLogin *login);
void            bs_bsre_otp_setup_free (BsBsreOtpSetup *setup);
void            bs_bsre_user_free      (BsBsreUser *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsBsreLogin, bs_bsre_login_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsBsreOtpSetup, bs_bsre_otp_setup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsBsreUser, bs_bsre_user_free)

G_END_DECLS
