/* bs-application.h — the BeSign application: options, one window, files
 * opened from the desktop ("Open with BeSign").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-context.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_APPLICATION_ID "id.besign.Desktop"

#define BS_TYPE_APPLICATION (bs_application_get_type ())
G_DECLARE_FINAL_TYPE (BsApplication, bs_application, BS, APPLICATION, GtkApplication)

BsApplication *bs_application_new         (void);
BsAppContext  *bs_application_get_context (BsApplication *self);

G_END_DECLS
