/* bs-login-page.h — username/e-mail and password of a BeSign account, or,
 * when the settings choose an Esign Client Service, only the signer's NIK
 * or e-mail (and the integration's password, until it was given this
 * run); "login.submit" (the button, Enter in any field) sends them.
 * "message" is what the page tells under the fields (NULL when nothing),
 * "busy" while waiting, "esign" when it asks for a signer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-page.h"

G_BEGIN_DECLS

#define BS_TYPE_LOGIN_PAGE (bs_login_page_get_type ())
G_DECLARE_FINAL_TYPE (BsLoginPage, bs_login_page, BS, LOGIN_PAGE, BsPage)

G_END_DECLS
