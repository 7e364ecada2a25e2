/* bs-verify-text.h — a verification report as text for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

G_BEGIN_DECLS

/* "PATH: VERDICT", the verdict's sentence, then every signature's details,
 * one per line, in the user's language (transfer full). */
char *bs_verify_report_to_text (const BsVerifyReport *report);

G_END_DECLS
