/* stub-server.h — a small HTTP server on loopback, in a thread of its
 * own, whose answers a test scripts: faults, lies, or a proxy in front of
 * besign-devserver. It records what the client sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-c/json.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _StubServer StubServer;

/* Answers one request (on the server's thread): set the status and the
 * body of @msg. @authorization may be NULL. */
typedef void (*StubHandler) (SoupServerMessage *msg, const char *method, const char *path,
                             const char *authorization, GBytes *body, gpointer user_data);

StubServer  *stub_server_start (StubHandler handler, gpointer user_data);
void         stub_server_stop  (StubServer *server);
const char  *stub_server_url   (StubServer *server);

/* How many requests went to @path (exact match). */
guint        stub_server_count (StubServer *server, const char *path);
/* The last request to @path: its JSON body (transfer full, or NULL) and
 * its Authorization header (transfer full, or NULL). */
json_object *stub_server_body  (StubServer *server, const char *path);
char        *stub_server_auth  (StubServer *server, const char *path);

/* Sets a JSON (or any) answer. */
void         stub_reply        (SoupServerMessage *msg, guint status, const char *content_type, const char *body);

G_END_DECLS
