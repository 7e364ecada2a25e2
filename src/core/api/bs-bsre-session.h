/* bs-bsre-session.h — a connection to a BSrE service (shared
 * api/bsre-api.md): where it is, whom it trusts, which kind of connection
 * it is and its credentials, and the one place where its answers become
 * results or errors.
 *
 * Two kinds of connection exist (the contract's §2):
 *
 *  - BS_BSRE_KIND_ACCOUNT, a person's BeSign account: bs_bsre_session_new(),
 *    then bs_bsre_login() with the user name/e-mail and password and
 *    bs_bsre_otp_verify() (or _otp_register()) with an authenticator code
 *    (bs-bsre-account.h). Calls carry the access token (Bearer). Documents
 *    can stay on the computer: only hashes are signed (/api/v2/sign/hash).
 *
 *  - BS_BSRE_KIND_ESIGN_CLIENT, an institution's Esign Client Service:
 *    bs_bsre_session_new_esign_client() with the integration's user name
 *    and password (HTTP Basic, manual §6.1, sent with every call; there is
 *    no login step and no token). The person who signs is named by NIK or
 *    e-mail: bs_bsre_esign_identify() checks that the service knows them
 *    and gives them as a BsBsreUser. Whole documents are signed by the
 *    service (bs_sign_files_server_side()). Account-only calls (profile,
 *    certificate management, hash signing) fail with
 *    BS_BSRE_ERROR_NEEDS_ACCOUNT.
 *
 * Either way, bs_bsre_user_signer_id() names the signer to the status,
 * chain, e-mailed-OTP and sign endpoints, and a passphrase or an e-mailed
 * code (bs_bsre_request_email_otp()) authorises each signing request.
 *
 * The access token and the Basic credentials live in memory only and are
 * wiped when the session ends. Every call is synchronous and cancellable;
 * one session may be used from several threads (calls are serialised on
 * its connection).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-secret.h"

#include <gio/gio.h>
#include <json-c/json.h>

G_BEGIN_DECLS

#define BS_BSRE_ERROR (bs_bsre_error_quark ())

/* Every error of the contract, plus transport failures. Cancellation is
 * G_IO_ERROR_CANCELLED. Messages are for people (translated). */
typedef enum {
  BS_BSRE_ERROR_BAD_REQUEST,
  BS_BSRE_ERROR_INVALID_PASSPHRASE,   /* message tells the attempts left */
  BS_BSRE_ERROR_INVALID_CREDENTIALS,
  BS_BSRE_ERROR_INVALID_OTP,
  BS_BSRE_ERROR_SESSION_EXPIRED,      /* TOKEN_EXPIRED / TOKEN_INVALID: log in again */
  BS_BSRE_ERROR_LOCKED,               /* message tells when to retry */
  BS_BSRE_ERROR_NOT_FOUND,
  BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE,
  BS_BSRE_ERROR_TOO_LARGE,
  BS_BSRE_ERROR_RATE_LIMITED,
  BS_BSRE_ERROR_SERVER_ERROR,
  BS_BSRE_ERROR_UNAUTHORIZED,         /* the integration's Basic credentials */
  BS_BSRE_ERROR_UNEXPECTED_ANSWER,    /* not the contract's shape */
  BS_BSRE_ERROR_OUTCOME_UNKNOWN,      /* a sign request sent, no answer */
  BS_BSRE_ERROR_UNREACHABLE,
  BS_BSRE_ERROR_TIMEOUT,
  BS_BSRE_ERROR_TLS,
  BS_BSRE_ERROR_REFUSED_URL,
  BS_BSRE_ERROR_NEEDS_ACCOUNT,        /* an account-only call on an Esign Client Service */
} BsBsreError;

GQuark bs_bsre_error_quark (void);

typedef enum {
  BS_BSRE_KIND_ACCOUNT,        /* BeSign account: login + TOTP, Bearer token */
  BS_BSRE_KIND_ESIGN_CLIENT,   /* Esign Client Service: HTTP Basic of the integration */
} BsBsreKind;

typedef struct _BsBsreSession BsBsreSession;

/* A BeSign account connection, not logged in yet. @base_url: https://…,
 * or http:// to loopback; @ca_file: an extra trust anchor for a server
 * with a private CA, or NULL. */
BsBsreSession *bs_bsre_session_new        (const char *base_url, const char *ca_file, GError **error);
/* An Esign Client Service connection: @user and @password (copied; the
 * caller wipes its own) are the integration's HTTP Basic credentials. */
BsBsreSession *bs_bsre_session_new_esign_client (const char *base_url, const char *ca_file,
                                                 const char *user, const BsSecret *password,
                                                 GError **error);
BsBsreKind     bs_bsre_session_get_kind   (BsBsreSession *session);
void           bs_bsre_session_free       (BsBsreSession *session);
const char    *bs_bsre_session_get_base_url (BsBsreSession *session);
/* Shortens every time-out (tests of a stalling server). */
void           bs_bsre_session_set_timeouts (BsBsreSession *session, guint account_seconds,
                                             guint signing_seconds);

/* The access token after a successful OTP step; cleared by logout or expiry. */
void           bs_bsre_session_set_token  (BsBsreSession *session, const char *access_token);
/* TRUE when calls carry credentials: an account with its access token, or
 * any Esign Client Service session. */
gboolean       bs_bsre_session_is_logged_in (BsBsreSession *session);
void           bs_bsre_session_forget_token (BsBsreSession *session);

/* ---- for the endpoint files --------------------------------------------- */

typedef enum {
  BS_BSRE_CALL_ACCOUNT,       /* short time-out; a GET is retried */
  BS_BSRE_CALL_SIGNING,       /* long time-out; never retried; no answer = outcome unknown */
} BsBsreCallKind;

typedef enum {
  BS_BSRE_AUTH_NONE,
  BS_BSRE_AUTH_BEARER,        /* account endpoints: NEEDS_ACCOUNT on an Esign session */
  BS_BSRE_AUTH_INTEGRATION,   /* Esign v2 endpoints: Basic on an Esign session, else Bearer */
} BsBsreAuth;

/* Sends @body (consumed; its strings are wiped) to @path and returns the
 * answer's JSON object (an empty one for a bodiless 2xx), or NULL with the
 * contract's error. @http_status receives the status when not NULL. */
json_object *bs_bsre_session_call (BsBsreSession *session, const char *method, const char *path,
                                   json_object *body, BsBsreCallKind kind, BsBsreAuth auth,
                                   long *http_status, GCancellable *cancellable, GError **error);

/* Frees @obj after wiping every string in it (answers carrying tokens). */
void         bs_json_wipe_put (json_object *obj);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsBsreSession, bs_bsre_session_free)

G_END_DECLS
