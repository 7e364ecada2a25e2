/* bs-login-page.h — username/e-mail and password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_LOGIN_PAGE (bs_login_page_get_type ())
G_DECLARE_FINAL_TYPE (BsLoginPage, bs_login_page, BS, LOGIN_PAGE, GtkBox)

GtkWidget *bs_login_page_new (BsWindow *window);
/* Fills the fields and presses "Log in" (UI tests). */
void       bs_login_page_submit (BsLoginPage *self, const char *username, const char *password);
/* The message shown under the fields, or NULL. */
const char *bs_login_page_get_message (BsLoginPage *self);

G_END_DECLS
