#include "http/give_way.h"

#include <sched.h>

namespace sportello::http {

void give_core_away() { sched_yield(); }

}  // namespace sportello::http
