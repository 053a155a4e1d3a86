# Packer (HCL2) template for the lab's base image: Windows Server 2008 R2 SP1 x64 on Hyper-V (hyperv-iso builder).
#   packer init vm-images/hyperv && packer build -var iso_url=... -var iso_checksum=sha256:... \
#       -var downloads_dir=/path/to/downloads vm-images/hyperv
# The ISO and everything in downloads_dir come from Microsoft (this project redistributes none of it). The build
# installs from the ISO with Autounattend.xml, opens WinRM over HTTP for Packer only, runs vm-images/scripts (the
# same scripts the Azure image uses), reboots and exports the VM. Import it on the lab host and take the `clean`
# checkpoint (vm-images/README.md).

packer {
  required_plugins {
    hyperv = {
      source  = "github.com/hashicorp/hyperv"
      version = ">= 1.1.0"
    }
  }
}

variable "iso_url" {
  type        = string
  description = "Windows Server 2008 R2 with SP1 x64 ISO (Microsoft's media)"
}

variable "iso_checksum" {
  type        = string
  description = "checksum of the ISO, e.g. sha256:..."
}

variable "downloads_dir" {
  type        = string
  description = "procdump.exe (v10.0), notmyfaultc64.exe, vc_redist.x64.exe, windows6.1-kb3177467-x64.msu, optional Debuggers/x64"
}

variable "admin_password" {
  type        = string
  sensitive   = true
  description = "the local Administrator password Autounattend.xml sets (pass with -var or PKR_VAR_admin_password)"
}

variable "switch_name" {
  type    = string
  default = "Default Switch"
}

variable "vm_name" {
  type    = string
  default = "w2k8r2-base"
}

variable "memory_mb" {
  type    = number
  default = 2048
}

variable "disk_size_mb" {
  type    = number
  default = 61440
}

source "hyperv-iso" "ws2008r2" {
  vm_name              = var.vm_name
  iso_url              = var.iso_url
  iso_checksum         = var.iso_checksum
  generation           = 1
  cpus                 = 2
  memory               = var.memory_mb
  disk_size            = var.disk_size_mb
  switch_name          = var.switch_name
  enable_dynamic_memory = false
  secondary_iso_images = []
  cd_files             = ["${path.root}/Autounattend.xml"]
  communicator         = "winrm"
  winrm_username       = "Administrator"
  winrm_password       = var.admin_password
  winrm_use_ssl        = false
  winrm_insecure       = true
  winrm_timeout        = "4h"
  shutdown_command     = "shutdown /s /t 10 /f /d p:4:1 /c \"Packer shutdown\""
  shutdown_timeout     = "30m"
  output_directory     = "output-${var.vm_name}"
}

build {
  sources = ["source.hyperv-iso.ws2008r2"]

  provisioner "file" {
    source      = "${path.root}/../scripts/"
    destination = "C:\\provision"
  }

  provisioner "file" {
    source      = "${var.downloads_dir}/"
    destination = "C:\\provision\\downloads"
  }

  provisioner "powershell" {
    inline = [
      "powershell -NoProfile -ExecutionPolicy Bypass -File C:\\provision\\provision.ps1 -Downloads C:\\provision\\downloads"
    ]
    valid_exit_codes = [0]
  }

  provisioner "windows-restart" {
    restart_timeout = "30m"
  }

  provisioner "powershell" {
    inline = [
      "Remove-Item C:\\provision -Recurse -Force"
    ]
  }
}
