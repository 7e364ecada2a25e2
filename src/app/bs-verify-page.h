/* bs-verify-page.h — a document's verdict in a banner at its top left
 * (the guide's sentences, colour and icon per verdict), the document
 * below, and "Details" with every signature's findings. Works without
 * login and offline; "Check revocation online" verifies again asking the
 * certificates' OCSP/CRL services. A file that cannot be read gets one
 * plain sentence, and nothing of the previous document stays. A
 * password-protected PDF asks for its password (BsPasswordDialog), then
 * is verified and shown with it; the password is kept in memory while
 * the document is shown (its pages, "Check revocation online") and wiped
 * when another one is opened.
 *
 * Actions: verify.open (s: a URI), verify.browse, verify.details,
 * verify.compare (u: a signature), verify.online (the property),
 * verify.password (asks for the password again). Properties: "online",
 * "busy", "verdict" (the banner's text, NULL until known),
 * "details-window", "compare-window", "password-dialog" (NULL when
 * closed), "locked" (the document waits for its password).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-page.h"

G_BEGIN_DECLS

#define BS_TYPE_VERIFY_PAGE (bs_verify_page_get_type ())
G_DECLARE_FINAL_TYPE (BsVerifyPage, bs_verify_page, BS, VERIFY_PAGE, BsPage)

G_END_DECLS
