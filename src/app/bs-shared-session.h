/* bs-shared-session.h — the service session as the window shares it: a
 * reference-counted handle, so that each running task owns the session it
 * talks through while the settings or a logout replace the context's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-session.h"

G_BEGIN_DECLS

typedef struct _BsSharedSession BsSharedSession;

/* A new session to @base_url (see bs_bsre_session_new()), one reference. */
BsSharedSession *bs_shared_session_new   (const char *base_url, const char *ca_file, GError **error);
/* An Esign Client Service session (see bs_bsre_session_new_esign_client():
 * @password is copied). */
BsSharedSession *bs_shared_session_new_esign (const char *base_url, const char *ca_file, const char *user,
                                              const BsSecret *password, GError **error);
BsSharedSession *bs_shared_session_ref   (BsSharedSession *self);
/* The last reference ends the session (its token is wiped). */
void             bs_shared_session_unref (BsSharedSession *self);
/* The session itself (transfer none): valid while a reference is held. */
BsBsreSession   *bs_shared_session_get   (BsSharedSession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsSharedSession, bs_shared_session_unref)

G_END_DECLS
