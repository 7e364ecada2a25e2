/* ds-server.h — the development BSrE service: shared state and the
 * request/response helpers every route uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-db.h"
#include "ds-key-cache.h"
#include "ds-pki.h"

#include <json-c/json.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Request bodies over this get 413 (the contract's TOO_LARGE). */
#define DS_MAX_BODY (64u * 1024 * 1024)

typedef struct {
  SoupServer *soup;
  DsDb       *db;
  DsPki      *pki;
  DsKeyCache *keys;      /* users' keys unlocked recently */
  char       *data_dir;
  char       *base_url;
  char       *pki_url;   /* where the server reaches its own TSA: base_url, or a
                            plain loopback listener when base_url is https */
  gboolean    demo;
} DsServer;

typedef struct {
  DsServer          *server;
  SoupServerMessage *msg;
  const char        *path;
  json_object       *body;      /* parsed JSON body, or NULL */
  char              *user_id;   /* set by ds_require_user() */
  char              *integration; /* Basic user name, set by ds_require_integration() */
  guint              status;    /* for the log line */
  gint64             start;     /* monotonic, for the log line */
  gboolean           deferred;  /* finished later by ds_request_defer() */
} DsRequest;

typedef void (*DsRoute) (DsRequest *req);

/* Work without database access, run on a worker thread. */
typedef void (*DsWork) (gpointer data);
/* Back on the main thread: replies to @req using @data. */
typedef void (*DsFinish) (DsRequest *req, gpointer data);

/* Runs the CPU-heavy part of a request (a password hash) off the main loop,
 * so other requests are served meanwhile; @finish then replies. @data is
 * freed with @free_data. */
void         ds_request_defer (DsRequest *req, DsWork work, DsFinish finish, gpointer data,
                               GDestroyNotify free_data);

/* Replies with JSON (@obj is consumed; NULL for no body). */
void         ds_reply_json  (DsRequest *req, guint http_status, json_object *obj);
void         ds_reply_bytes (DsRequest *req, const char *content_type, GBytes *bytes);
/* The contract's error body: status_code, error, code, plus @extra's keys. */
void         ds_reply_error (DsRequest *req, guint http_status, const char *code, int status_code,
                             const char *message, json_object *extra);
void         ds_reply_bad_request (DsRequest *req, const char *message);

/* A required string field, or NULL after replying 400 naming it. */
const char  *ds_require_string (DsRequest *req, const char *key);
/* An optional string field (NULL when absent; 400 if of another type). */
gboolean     ds_optional_string (DsRequest *req, const char *key, const char **value);
/* 401 TOKEN_EXPIRED for a token that ran out of time, else TOKEN_INVALID. */
void         ds_reply_token_refused (DsRequest *req, const char *token);
/* The user of a valid Bearer access token, or NULL after replying 401. */
const char  *ds_require_user (DsRequest *req);

/* Random token (256 bits, base64url) and its stored form (SHA-256 hex). */
char        *ds_new_token (void);
char        *ds_token_hash (const char *token);
/* Stores a token of @kind for @user_id valid @seconds; returns the token. */
char        *ds_issue_token (DsServer *server, const char *user_id, const char *kind, gint64 seconds,
                             const char *data);
/* The user of an unexpired token of @kind (transfer full), or NULL;
 * @data_out receives its data. */
char        *ds_check_token (DsServer *server, const char *token, const char *kind, char **data_out);

gint64       ds_now (void);
/* Constant-time equality for secrets. */
gboolean     ds_secret_equal (const char *a, const char *b);

/* Route tables of each file: "METHOD /path" (a trailing '*' takes any
 * last path segment), ending with { NULL, NULL }. */
typedef struct {
  const char *key;
  DsRoute     route;
} DsRouteSpec;

extern const DsRouteSpec ds_routes_accounts[];
extern const DsRouteSpec ds_routes_signing[];
extern const DsRouteSpec ds_routes_certificates[];
extern const DsRouteSpec ds_routes_pki[];
extern const DsRouteSpec ds_routes_documents[];
extern const DsRouteSpec ds_routes_email_otp[];
extern const DsRouteSpec ds_routes_seal[];
extern const DsRouteSpec ds_routes_registration[];

/* Listens on loopback and serves until the main loop ends. */
DsServer    *ds_server_new   (const char *data_dir, GError **error);
gboolean     ds_server_address_is_loopback (const char *address);
/* Drops a listener that failed, before listening again. */
void         ds_server_reset_listener (DsServer *server);
gboolean     ds_server_listen (DsServer *server, const char *address, guint port, gboolean tls,
                               GError **error);
void         ds_server_free  (DsServer *server);

G_END_DECLS
