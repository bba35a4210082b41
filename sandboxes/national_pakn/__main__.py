from sandboxes import national_pakn
from sandboxes._receiver import main

if __name__ == "__main__":
    main(name="national_pakn", path=r"/api/dongbo/pakn", schema="pakn_dongbo.schema.json", default_port=national_pakn.DEFAULT_PORT)
