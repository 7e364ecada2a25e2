/* bs-welcome-page.h — the first page: log in, or verify without login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_WELCOME_PAGE (bs_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (BsWelcomePage, bs_welcome_page, BS, WELCOME_PAGE, GtkBox)

GtkWidget *bs_welcome_page_new (BsWindow *window);

G_END_DECLS
