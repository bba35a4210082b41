from sandboxes import national_portal
from sandboxes._receiver import main

if __name__ == "__main__":
    main(name="national_portal", path=r"/api/dongbo/hoso", schema="hoso_dongbo.schema.json", default_port=national_portal.DEFAULT_PORT)
