/* bs-app-context-private.h — what the files of BsAppContext share: its
 * state, the session each call takes a reference on, and the one way a
 * call is started (counted in "busy").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-context.h"
#include "bs-core-task.h"
#include "bs-shared-session.h"

G_BEGIN_DECLS

struct _BsAppContext {
  GObject          parent_instance;

  BsSettings      *settings;
  char            *server_url;         /* overrides the settings when set */
  char            *server_ca;
  char            *configured_server;  /* the settings' server-url, read last */
  char            *tsa_override;
  GPtrArray       *trust;              /* extra anchors (char *) */
  BsSharedSession *session;
  BsBsreKind       kind;               /* the session's when someone is logged in, else the settings' */
  BsSecret        *integration_password; /* of the Esign Client Service, for this run only */
  BsBsreLogin     *pending_login;
  BsBsreUser      *user;
  char            *p12_path;           /* local signing instead of the account */
  guint            running;            /* calls in flight */
};

/* A new reference on the session (made on first use), or NULL with why. */
BsSharedSession *bs_app_context_dup_session (BsAppContext *self, GError **error);
/* Replaces the user ("user" and "can-sign" notify); @user is taken. */
void             bs_app_context_set_user    (BsAppContext *self, BsBsreUser *user);
/* The signer's identity on the service: NIK, else e-mail. */
const char      *bs_app_context_who         (BsAppContext *self);
/* The kind the settings choose ("connection"). */
BsBsreKind       bs_app_context_configured_kind (BsAppContext *self);
/* Follows the kind after a login, a logout or new settings ("kind"
 * notifies when it changed). */
void             bs_app_context_update_kind (BsAppContext *self);
/* Logs @session (taken) out on a worker, if it is logged in. */
void             bs_app_context_end_session (BsAppContext *self, BsSharedSession *session);
/* Starts @call through bs_core_task_run() with the context as source, and
 * counts it in "busy" until @callback has run. */
void             bs_app_context_run         (BsAppContext *self, const BsCoreCall *call, gpointer input,
                                             GObject *note_target, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer data);
/* Reports @error (taken) to @callback: a call that cannot start. */
void             bs_app_context_fail        (BsAppContext *self, GError *error,
                                             GAsyncReadyCallback callback, gpointer data);

G_END_DECLS
