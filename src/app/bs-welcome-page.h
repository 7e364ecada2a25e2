/* bs-welcome-page.h — the first page: log in, verify without login, or
 * sign with a certificate file; a PDF dropped here is verified.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-page.h"

G_BEGIN_DECLS

#define BS_TYPE_WELCOME_PAGE (bs_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (BsWelcomePage, bs_welcome_page, BS, WELCOME_PAGE, BsPage)

G_END_DECLS
