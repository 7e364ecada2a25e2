/* bs-app-context.h — what the window knows of the world: the settings, the
 * BSrE session and its user, and the core calls it makes, each run on a
 * worker thread (bs-core-task.h) so the main loop never waits.
 *
 * State is in properties: "user" (BsBsreUser or NULL), "can-sign" (logged
 * in, or a certificate file chosen), "busy" (a call is running),
 * "local-certificate", "kind" (BsBsreKind: the logged-in session's, else
 * the one the settings choose), "integration-password-known" (the Esign
 * Client Service's password was given this run). "logged-out" is emitted
 * when the user logs out (not when a session merely expires: the
 * documents are kept then).
 *
 * Two kinds of connection (bs-bsre-session.h): a BeSign account (user
 * name, password, then an authenticator code; hash signing), or an
 * institution's Esign Client Service (the integration's user name from
 * the settings and its password, which is never written anywhere and
 * kept for the run only; the signer named by NIK or e-mail; whole
 * documents signed by the service).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-document.h"
#include "bs-bsre-account.h"
#include "bs-bsre-certificate.h"
#include "bs-bsre-signing.h"
#include "bs-settings.h"
#include "bs-sign-fields.h"
#include "bs-verify.h"

#include <gio/gio.h>

G_BEGIN_DECLS

GType bs_bsre_user_boxed_get_type (void);
#define BS_TYPE_BSRE_USER (bs_bsre_user_boxed_get_type ())

#define BS_TYPE_APP_CONTEXT (bs_app_context_get_type ())
G_DECLARE_FINAL_TYPE (BsAppContext, bs_app_context, BS, APP_CONTEXT, GObject)

BsAppContext *bs_app_context_new (void);

/* Where the service is (overrides the settings: --server, tests). */
void          bs_app_context_set_server   (BsAppContext *self, const char *url, const char *ca_file);
const char   *bs_app_context_get_server   (BsAppContext *self);
/* A time-stamp authority for this run only (--tsa): used instead of the
 * settings' one, never written into them. */
void          bs_app_context_set_tsa_override (BsAppContext *self, const char *url);
const char   *bs_app_context_get_tsa_override (BsAppContext *self);
/* Extra trust anchors for verification (--trust, tests). */
void          bs_app_context_add_trust    (BsAppContext *self, const char *path);
BsSettings   *bs_app_context_get_settings (BsAppContext *self);
/* The settings were edited: the next call uses the service and the kind
 * of connection they name (a session in progress keeps its own); the
 * integration's password is forgotten when they name an account. */
void          bs_app_context_settings_changed (BsAppContext *self);
/* The kind of connection in use (see "kind"). */
BsBsreKind    bs_app_context_get_kind     (BsAppContext *self);
/* The Esign Client Service integration's user name from the settings, or
 * NULL (transfer full). */
char         *bs_app_context_dup_esign_user (BsAppContext *self);
/* The integration's password for this run (@password taken; NULL forgets
 * it). Never saved. */
void          bs_app_context_set_integration_password (BsAppContext *self, BsSecret *password);
gboolean      bs_app_context_has_integration_password (BsAppContext *self);
/* The logged-in user, or NULL. */
BsBsreUser   *bs_app_context_get_user     (BsAppContext *self);
/* Signing offline with a software certificate (.p12) instead of the
 * account; NULL returns to the account. */
void          bs_app_context_use_local_certificate (BsAppContext *self, const char *p12_path);
const char   *bs_app_context_get_local_certificate (BsAppContext *self);
gboolean      bs_app_context_can_sign     (BsAppContext *self);
gboolean      bs_app_context_is_busy      (BsAppContext *self);
/* The answer of the password step, while the OTP step runs. */
BsBsreLogin  *bs_app_context_get_pending_login (BsAppContext *self);
/* Ends the session (and the local certificate); emits "logged-out". */
void          bs_app_context_logout       (BsAppContext *self);

/* ---- account (bs-app-context-account.c) ---------------------------------- */

/* Password step. @password is taken and wiped. */
void     bs_app_context_login_async      (BsAppContext *self, const char *username, BsSecret *password,
                                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data);
gboolean bs_app_context_login_finish     (BsAppContext *self, GAsyncResult *result, GError **error);
/* The Esign Client Service's "login": asks the service whether it knows
 * the signer named by @nik_or_email and whether their certificate can
 * sign (status ISSUE); they are then the user. @password (taken, or NULL
 * for the one given before this run) is the integration's; a password
 * the service refuses is forgotten. */
void     bs_app_context_esign_login_async  (BsAppContext *self, const char *nik_or_email, BsSecret *password,
                                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data);
gboolean bs_app_context_esign_login_finish (BsAppContext *self, GAsyncResult *result, GError **error);
/* First login: the authenticator's secret and URI. */
void     bs_app_context_otp_setup_async  (BsAppContext *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer data);
BsBsreOtpSetup *bs_app_context_otp_setup_finish (BsAppContext *self, GAsyncResult *result, GError **error);
/* OTP step: @device_id for a registered device, or @device_name to
 * register the one just set up. @code is taken and wiped. */
void     bs_app_context_otp_async        (BsAppContext *self, const char *device_id, const char *device_name,
                                          BsSecret *code, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer data);
gboolean bs_app_context_otp_finish       (BsAppContext *self, GAsyncResult *result, GError **error);
/* Asks the service to e-mail a signing code for @n_documents. */
void     bs_app_context_email_otp_async  (BsAppContext *self, guint n_documents, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer data);
gboolean bs_app_context_email_otp_finish (BsAppContext *self, GAsyncResult *result, GError **error);

/* ---- signing (bs-app-context-sign.c) ------------------------------------- */

/* Runs on the main thread after each document signed. */
typedef void (*BsSignProgressFunc) (GObject *target, guint done, guint total);

/* Signs @documents (BsAppDocument) with the account or the local
 * certificate; @secret (taken) is the passphrase (the .p12's password) or,
 * when @is_otp, the e-mailed code. Each document's state records its
 * outcome as it comes; @progress (on @target, kept alive meanwhile) tells
 * the count. Cancelling stops the batch: what was signed stays signed. */
void     bs_app_context_sign_async  (BsAppContext *self, GPtrArray *documents, BsSecret *secret, gboolean is_otp,
                                     BsSignProgressFunc progress, GObject *target,
                                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data);
/* TRUE when the batch ran (see each document); FALSE with the reason when
 * nothing could be signed: a refused passphrase or code (the documents are
 * left as they were, to try again), the service, or the session. */
gboolean bs_app_context_sign_finish (BsAppContext *self, GAsyncResult *result, GError **error);

/* ---- certificate management (bs-app-context-certificate.c) --------------- */

typedef enum {
  BS_CERT_CHANGE_PASSPHRASE,   /* @first: old, @second: new */
  BS_CERT_RESET_PASSPHRASE,    /* e-mails a link */
  BS_CERT_REQUEST_ISSUANCE,    /* e-mails a link; the status becomes WAITING_FOR_VERIFICATION */
  BS_CERT_REVOKE,              /* @first: passphrase, @reason */
  BS_CERT_CONFIRM_RESET,       /* @first: the e-mailed token, @second: the new passphrase */
  BS_CERT_CONFIRM_ISSUANCE,    /* @first: the e-mailed token, @second: the passphrase */
} BsCertAction;

/* One certificate-management call; the secrets are taken and wiped. The
 * result is the sentence to show (transfer full); the user's certificate
 * status is updated ("user" notifies). */
void   bs_app_context_certificate_async  (BsAppContext *self, BsCertAction action, BsSecret *first,
                                          BsSecret *second, const char *reason, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer data);
char  *bs_app_context_certificate_finish (BsAppContext *self, GAsyncResult *result, GError **error);
/* Reads the certificate's status from the service ("user" notifies). */
void     bs_app_context_refresh_status_async  (BsAppContext *self, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer data);
gboolean bs_app_context_refresh_status_finish (BsAppContext *self, GAsyncResult *result, GError **error);
/* The service's status name ("ISSUE", "REVOKE", …) in people's words. */
const char *bs_certificate_status_describe (const char *status);

/* ---- documents (bs-app-context-verify.c) --------------------------------- */

/* The empty signature fields of @path (GPtrArray of BsSignField). */
void       bs_app_context_find_fields_async  (BsAppContext *self, const char *path, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer data);
GPtrArray *bs_app_context_find_fields_finish (BsAppContext *self, GAsyncResult *result, GError **error);
/* Verifies @path; @online also asks the certificates' OCSP/CRL services;
 * @pdf_password (copied, wiped after use) opens a password-protected PDF.
 * A document that needs a password, or that @pdf_password does not open,
 * fails with BS_ERROR_ENCRYPTED (no report): ask for it. */
void            bs_app_context_verify_async  (BsAppContext *self, const char *path, gboolean online,
                                              const BsSecret *pdf_password, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer data);
BsVerifyReport *bs_app_context_verify_finish (BsAppContext *self, GAsyncResult *result, GError **error);
/* Copies the revision of @path that ends at @end (a signed version) into a
 * temporary file; the result is its path (transfer full). */
void   bs_app_context_save_version_async  (BsAppContext *self, const char *path, gint64 end,
                                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data);
char  *bs_app_context_save_version_finish (BsAppContext *self, GAsyncResult *result, GError **error);

G_END_DECLS
