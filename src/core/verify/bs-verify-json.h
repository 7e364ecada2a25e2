/* bs-verify-json.h — verification reports in the shape of the BSrE
 * service's /api/v2/verify/pdf answer (shared api/bsre-api.md §5),
 * misspelt keys included, with the project's details under "besign".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

G_BEGIN_DECLS

/* One JSON document for one report, an array for several (transfer full). */
char *bs_verify_json_print (GPtrArray *reports);

G_END_DECLS
