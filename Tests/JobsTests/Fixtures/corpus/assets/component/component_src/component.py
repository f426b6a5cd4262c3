"""Uses a helper from common_src, which additional_includes copies into the job's folder."""
from common_src import helper

print(helper.greeting("additional includes"))
