/* bs-shared-session.c — see bs-shared-session.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-shared-session.h"

struct _BsSharedSession {
  BsBsreSession *session;
};

static BsSharedSession *
wrap (BsBsreSession *session)
{
  BsSharedSession *self;

  if (session == NULL)
    return NULL;
  self = g_atomic_rc_box_new0 (BsSharedSession);
  self->session = session;
  return self;
}

BsSharedSession *
bs_shared_session_new (const char *base_url, const char *ca_file, GError **error)
{
  return wrap (bs_bsre_session_new (base_url, ca_file, error));
}

BsSharedSession *
bs_shared_session_new_esign (const char *base_url, const char *ca_file, const char *user,
                             const BsSecret *password, GError **error)
{
  return wrap (bs_bsre_session_new_esign_client (base_url, ca_file, user, password, error));
}

BsSharedSession *
bs_shared_session_ref (BsSharedSession *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
clear (gpointer data)
{
  BsSharedSession *self = data;

  g_clear_pointer (&self->session, bs_bsre_session_free);
}

void
bs_shared_session_unref (BsSharedSession *self)
{
  g_atomic_rc_box_release_full (self, clear);
}

BsBsreSession *
bs_shared_session_get (BsSharedSession *self)
{
  return self->session;
}
