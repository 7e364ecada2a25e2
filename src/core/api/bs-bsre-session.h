/* bs-bsre-session.h — a connection to a BSrE service (shared
 * api/bsre-api.md): where it is, whom it trusts, who is logged in, and the
 * one place where its answers become results or errors.
 *
 * The access token lives in memory only and is wiped when the session ends.
 * Every call is synchronous and cancellable; one session may be used from
 * several threads (calls are serialised on its connection).
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
} BsBsreError;

GQuark bs_bsre_error_quark (void);

typedef struct _BsBsreSession BsBsreSession;

/* @base_url: https://…, or http:// to loopback; @ca_file: an extra trust
 * anchor for a server with a private CA, or NULL. */
BsBsreSession *bs_bsre_session_new        (const char *base_url, const char *ca_file, GError **error);
void           bs_bsre_session_free       (BsBsreSession *session);
const char    *bs_bsre_session_get_base_url (BsBsreSession *session);
/* Shortens every time-out (tests of a stalling server). */
void           bs_bsre_session_set_timeouts (BsBsreSession *session, guint account_seconds,
                                             guint signing_seconds);

/* The access token after a successful OTP step; cleared by logout or expiry. */
void           bs_bsre_session_set_token  (BsBsreSession *session, const char *access_token);
gboolean       bs_bsre_session_is_logged_in (BsBsreSession *session);
void           bs_bsre_session_forget_token (BsBsreSession *session);
/* HTTP Basic credentials of an integrating application (Esign v2
 * endpoints); when set they are used instead of the access token there. */
void           bs_bsre_session_set_basic  (BsBsreSession *session, const char *user, const BsSecret *password);

/* ---- for the endpoint files --------------------------------------------- */

typedef enum {
  BS_BSRE_CALL_ACCOUNT,       /* short time-out; a GET is retried */
  BS_BSRE_CALL_SIGNING,       /* long time-out; never retried; no answer = outcome unknown */
} BsBsreCallKind;

typedef enum {
  BS_BSRE_AUTH_NONE,
  BS_BSRE_AUTH_BEARER,
  BS_BSRE_AUTH_INTEGRATION,   /* Basic when set, else Bearer */
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
