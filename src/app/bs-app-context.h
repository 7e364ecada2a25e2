/* bs-app-context.h — what the window knows of the world: the settings, the
 * BSrE session and its user, and the core calls it makes, each run on a
 * worker thread (GTask) so the main loop never waits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-account.h"
#include "bs-bsre-certificate.h"
#include "bs-bsre-signing.h"
#include "bs-settings.h"
#include "bs-sign.h"
#include "bs-sign-fields.h"
#include "bs-verify.h"

#include <gio/gio.h>

G_BEGIN_DECLS

#define BS_TYPE_APP_CONTEXT (bs_app_context_get_type ())
G_DECLARE_FINAL_TYPE (BsAppContext, bs_app_context, BS, APP_CONTEXT, GObject)

/* A document to sign and how (visible box per document). */
typedef struct {
  char          *path;
  gboolean       visible;
  int            page;       /* 1-based */
  BsDisplayRect  rect;
  char          *field_name; /* sign into this empty field of the document, or NULL */
  GPtrArray     *fields;     /* its empty signature fields (BsSignField), once known */
} BsAppDocument;

BsAppDocument *bs_app_document_new  (const char *path);
void           bs_app_document_free (BsAppDocument *doc);

BsAppContext *bs_app_context_new (void);

/* Where the service is (overrides the settings: --server, tests). */
void          bs_app_context_set_server   (BsAppContext *self, const char *url, const char *ca_file);
const char   *bs_app_context_get_server   (BsAppContext *self);
/* Extra trust anchors for verification (--trust, tests). */
void          bs_app_context_add_trust    (BsAppContext *self, const char *path);
BsSettings   *bs_app_context_get_settings (BsAppContext *self);
/* The settings were edited: the next call uses the service they name
 * (a session in progress keeps its own). */
void          bs_app_context_settings_changed (BsAppContext *self);
/* The logged-in user, or NULL. "notify::user" tells changes. */
BsBsreUser   *bs_app_context_get_user     (BsAppContext *self);
/* Signing offline with a software certificate (.p12) instead of the
 * account; NULL returns to the account. Notifies "user" too. */
void          bs_app_context_use_local_certificate (BsAppContext *self, const char *p12_path);
const char   *bs_app_context_get_local_certificate (BsAppContext *self);
/* TRUE when the documents can be signed: logged in, or a .p12 chosen. */
gboolean      bs_app_context_can_sign     (BsAppContext *self);
/* The answer of the password step, while the OTP step runs. */
BsBsreLogin  *bs_app_context_get_pending_login (BsAppContext *self);
void          bs_app_context_logout       (BsAppContext *self);

/* Password step. @password is taken and wiped. */
void     bs_app_context_login_async      (BsAppContext *self, const char *username, BsSecret *password,
                                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data);
gboolean bs_app_context_login_finish     (BsAppContext *self, GAsyncResult *result, GError **error);
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

/* Signs @documents (BsAppDocument) with the account or the local
 * certificate; @secret (taken) is the passphrase (the .p12's password) or,
 * when @is_otp, the e-mailed code. @progress runs on the
 * main thread after each document. The result is a GPtrArray of
 * BsSignResult. */
void       bs_app_context_sign_async  (BsAppContext *self, GPtrArray *documents, BsSecret *secret, gboolean is_otp,
                                       BsSignProgress progress, gpointer progress_data,
                                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data);
GPtrArray *bs_app_context_sign_finish (BsAppContext *self, GAsyncResult *result, GError **error);

typedef enum {
  BS_CERT_CHANGE_PASSPHRASE,   /* @first: old, @second: new */
  BS_CERT_RESET_PASSPHRASE,
  BS_CERT_REQUEST_ISSUANCE,
  BS_CERT_REVOKE,              /* @first: passphrase, @reason */
} BsCertAction;

/* One certificate-management call; the secrets are taken and wiped. The
 * result is the sentence to show (transfer full). */
void   bs_app_context_certificate_async  (BsAppContext *self, BsCertAction action, BsSecret *first,
                                          BsSecret *second, const char *reason, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer data);
char  *bs_app_context_certificate_finish (BsAppContext *self, GAsyncResult *result, GError **error);

/* The empty signature fields of @path (GPtrArray of BsSignField). */
void       bs_app_context_find_fields_async  (BsAppContext *self, const char *path, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer data);
GPtrArray *bs_app_context_find_fields_finish (BsAppContext *self, GAsyncResult *result, GError **error);

void            bs_app_context_verify_async  (BsAppContext *self, const char *path, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer data);
BsVerifyReport *bs_app_context_verify_finish (BsAppContext *self, GAsyncResult *result, GError **error);

G_END_DECLS
