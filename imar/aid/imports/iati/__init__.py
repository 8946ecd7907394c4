"""Reading IATI 2.01-2.03 activity files: `reader` streams the file safely, one module per
element turns an `<iati-activity>` into plain data (`activity.ActivityData`), `mappers/`
turn IATI codes into ours. No Django models here: the service writes."""
