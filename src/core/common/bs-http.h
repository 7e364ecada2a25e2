/* bs-http.h — HTTP through libcurl, wrapped once.
 *
 * TLS peer and host verification are always on. Plain http:// is refused
 * except to loopback, or for signed PKI objects (OCSP responses, CRLs,
 * CA certificates) whose integrity does not depend on the transport.
 *
 * It sits in common/ because the BSrE client (api/), time-stamping
 * (pades/) and online revocation (verify/) all use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BS_HTTP_ERROR (bs_http_error_quark ())

typedef enum {
  BS_HTTP_ERROR_REFUSED_URL,     /* plain http to a remote host, bad scheme */
  BS_HTTP_ERROR_CONNECT,         /* cannot reach the server */
  BS_HTTP_ERROR_TIMEOUT,         /* no complete answer in time */
  BS_HTTP_ERROR_TLS,             /* certificate not trusted, handshake failed */
  BS_HTTP_ERROR_TOO_LARGE,       /* answer over the size limit */
  BS_HTTP_ERROR_NO_ANSWER,       /* the request was sent whole, the answer never
                                    came (time-out or dropped): outcome unknown */
  BS_HTTP_ERROR_FAILED,          /* anything else */
} BsHttpError;

GQuark bs_http_error_quark (void);

typedef enum {
  BS_HTTP_ALLOW_PLAIN_PKI = 1 << 0,  /* http:// allowed: the answer is signed */
} BsHttpFlags;

typedef struct {
  long    status;
  char   *content_type;
  GBytes *body;
} BsHttpResponse;

typedef struct {
  const char *method;          /* "GET" or "POST" */
  const char *url;
  const char *content_type;    /* of @body, for POST */
  GBytes     *body;            /* may be NULL */
  guint       timeout_seconds; /* whole request */
  gsize       max_answer;      /* bytes; 0 for 16 MB */
  const char *ca_file;         /* extra trust anchor for a private server, or NULL */
  const char *authorization;   /* Authorization header value (a secret), or NULL */
  BsHttpFlags flags;
} BsHttpRequest;

/* Performs @request (synchronous, cancellable) (transfer full). */
BsHttpResponse *bs_http_send (const BsHttpRequest *request, GCancellable *cancellable,
                              GError **error);
void            bs_http_response_free (BsHttpResponse *response);

/* A client that keeps its connection open between requests (one at a
 * time; thread-safe). */
typedef struct _BsHttpClient BsHttpClient;

BsHttpClient   *bs_http_client_new  (void);
void            bs_http_client_free (BsHttpClient *client);
BsHttpResponse *bs_http_client_send (BsHttpClient *client, const BsHttpRequest *request,
                                     GCancellable *cancellable, GError **error);

/* TRUE for http(s)://127.x.x.x, [::1] and localhost URLs. */
gboolean        bs_http_url_is_loopback (const char *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsHttpResponse, bs_http_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsHttpClient, bs_http_client_free)

G_END_DECLS
